import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState, type ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PaneSeparator } from '../../../../renderer/src/components/pane-separator.js';

afterEach(cleanup);

// jsdom has no PointerEvent; a MouseEvent with a pointer id is what the handle reads.
if (typeof window.PointerEvent === 'undefined') {
  class TestPointerEvent extends MouseEvent {
    readonly pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 0;
    }
  }
  Object.defineProperty(window, 'PointerEvent', { value: TestPointerEvent, configurable: true });
}

function Harness({ orientation }: { orientation: 'vertical' | 'horizontal' }): ReactElement {
  const [value, setValue] = useState(0.5);
  return (
    <>
      <PaneSeparator
        label="Split"
        orientation={orientation}
        value={value}
        min={0.2}
        max={0.8}
        step={0.05}
        defaultValue={0.5}
        toValue={(x, y) => (orientation === 'vertical' ? x : y) / 1000}
        onChange={setValue}
      />
      <output>{value.toFixed(2)}</output>
    </>
  );
}

const shown = (): string | null => screen.getByRole('status').textContent;

describe('pane separator', () => {
  it('is a focusable separator that arrow keys move, within its limits', () => {
    render(<Harness orientation="vertical" />);
    const handle = screen.getByRole('separator', { name: 'Split' });
    expect(handle.tabIndex).toBe(0);
    expect(handle.getAttribute('aria-orientation')).toBe('vertical');
    expect(handle.getAttribute('aria-valuenow')).toBe('50');
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(shown()).toBe('0.55');
    fireEvent.keyDown(handle, { key: 'ArrowLeft', shiftKey: true });
    expect(shown()).toBe('0.30');
    // Keys of the other axis do nothing on a vertical handle.
    fireEvent.keyDown(handle, { key: 'ArrowDown' });
    expect(shown()).toBe('0.30');
    fireEvent.keyDown(handle, { key: 'ArrowLeft', shiftKey: true });
    expect(shown()).toBe('0.20');
    fireEvent.keyDown(handle, { key: 'End' });
    expect(shown()).toBe('0.80');
    expect(handle.getAttribute('aria-valuenow')).toBe('100');
    fireEvent.keyDown(handle, { key: 'Enter' });
    expect(shown()).toBe('0.50');
  });

  it('moves up and down when horizontal, follows a drag, and resets on double-click', () => {
    render(<Harness orientation="horizontal" />);
    const handle = screen.getByRole('separator', { name: 'Split' });
    fireEvent.keyDown(handle, { key: 'ArrowDown' });
    expect(shown()).toBe('0.55');
    fireEvent.keyDown(handle, { key: 'ArrowUp' });
    fireEvent.keyDown(handle, { key: 'ArrowUp' });
    expect(shown()).toBe('0.45');
    fireEvent.pointerDown(handle, { button: 0, pointerId: 1, clientX: 0, clientY: 450 });
    fireEvent.pointerMove(handle, { pointerId: 1, clientX: 0, clientY: 700 });
    expect(shown()).toBe('0.70');
    fireEvent.pointerMove(handle, { pointerId: 1, clientX: 0, clientY: 990 });
    expect(shown()).toBe('0.80');
    fireEvent.pointerUp(handle, { pointerId: 1 });
    // Moving without a pressed button changes nothing.
    fireEvent.pointerMove(handle, { pointerId: 1, clientX: 0, clientY: 300 });
    expect(shown()).toBe('0.80');
    fireEvent.doubleClick(handle);
    expect(shown()).toBe('0.50');
  });
});
