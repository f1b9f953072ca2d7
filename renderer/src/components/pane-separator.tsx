import { useRef, type KeyboardEvent, type PointerEvent, type ReactElement } from 'react';

/**
 * The handle between two resizable panes (WAI-ARIA window splitter): drag it with the mouse,
 * move it with the arrow keys (Shift for bigger steps), Home/End for the limits, double-click or
 * Enter to go back to the default size. `value` is in the unit the caller works in (pixels or a
 * share); `toValue` turns a pointer position into that unit.
 */
export function PaneSeparator({
  label,
  orientation,
  value,
  min,
  max,
  step,
  defaultValue,
  toValue,
  onChange,
  controls,
  valueText,
}: {
  label: string;
  /** `vertical`: a vertical bar between side-by-side panes (moves left/right). */
  orientation: 'vertical' | 'horizontal';
  value: number;
  min: number;
  max: number;
  step: number;
  defaultValue: number;
  /** The value for a pointer at (clientX, clientY), before clamping. */
  toValue: (clientX: number, clientY: number) => number;
  onChange: (value: number) => void;
  /** The id of the pane the separator sizes. */
  controls?: string;
  valueText?: string;
}): ReactElement {
  const dragging = useRef(false);
  const clamp = (v: number): number => Math.min(max, Math.max(min, v));
  const scale = (v: number): number => Math.round(((v - min) / (max - min || 1)) * 100);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const back = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    const forward = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    const amount = event.shiftKey ? step * 5 : step;
    let next: number | null = null;
    if (event.key === back) next = value - amount;
    else if (event.key === forward) next = value + amount;
    else if (event.key === 'Home') next = min;
    else if (event.key === 'End') next = max;
    else if (event.key === 'Enter') next = defaultValue;
    if (next === null) return;
    event.preventDefault();
    onChange(clamp(next));
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0) return;
    event.preventDefault();
    dragging.current = true;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    event.currentTarget.focus();
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (!dragging.current) return;
    onChange(clamp(toValue(event.clientX, event.clientY)));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>): void => {
    dragging.current = false;
    event.currentTarget.releasePointerCapture?.(event.pointerId);
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={scale(value)}
      aria-valuetext={valueText}
      aria-controls={controls}
      title={`${label}: drag, or use the arrow keys; double-click to reset`}
      className={`pane-separator is-${orientation}`}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => onChange(defaultValue)}
    />
  );
}
