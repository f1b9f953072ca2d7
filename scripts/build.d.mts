// Types for the settings scripts/build.mjs exports, so tests build exactly what ships.
import type { InlineConfig } from 'vite';

export function preloadBuildConfig(outDir: string): InlineConfig;
export function mainBuildConfig(outDir: string): InlineConfig;
export function mainExternals(): (string | RegExp)[];
