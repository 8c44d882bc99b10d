// placeholder replaced below
import type { Command } from 'commander';
export function registerRecordCommand(_scenario: Command): void {}
