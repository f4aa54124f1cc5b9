import { spawn } from 'node:child_process';
import { AppError } from '../core/errors.js';

/** An operator-facing failure of a maintenance command (printed by the CLI in both languages). */
export function opsError(zh: string, en: string): AppError {
  return new AppError('INVALID_STATE', { message: { zh, en } });
}

/**
 * Run a program to completion without a shell (arguments are never
 * interpreted). Rejects with its stderr when it exits non-zero; `okCodes`
 * lists other exit codes that still mean success.
 */
export function runProgram(
  cmd: string,
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; okCodes?: readonly number[] } = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        reject(opsError(`找不到程序 ${cmd}，请先安装。`, `${cmd} was not found on PATH; install it first.`));
      } else reject(e);
    });
    child.on('close', (code) => {
      if (code === 0 || (code !== null && opts.okCodes?.includes(code))) resolve({ stdout, stderr });
      else reject(opsError(`${cmd} 执行失败（退出码 ${code}）：${stderr.trim()}`, `${cmd} failed (exit code ${code}): ${stderr.trim()}`));
    });
  });
}

/** `YYYYMMDD-HHMMSS` in UTC, for file names. */
export function fileStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}
