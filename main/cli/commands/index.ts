// Every `graft` subcommand, in the order `graft --help` lists them.
import type { Command } from '../command.ts';
import { cancelCommand } from './cancel.ts';
import { compareCommand } from './compare.ts';
import { demoCommand } from './demo.ts';
import { listCommand } from './list.ts';
import { reportCommand } from './report.ts';
import { resumeCommand } from './resume.ts';
import { runCommand } from './run.ts';
import { serveCommand } from './serve.ts';
import { startCommand } from './start.ts';

export const COMMANDS: Command[] = [startCommand, serveCommand, runCommand, resumeCommand, cancelCommand, demoCommand, listCommand, compareCommand, reportCommand];
