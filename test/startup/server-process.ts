import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { projectRoot } from '@themis/core';

export const SERVER_ENTRY = path.join(projectRoot, 'dist', 'apps', 'server', 'src', 'main.js');

export interface ServerProcess {
  child: ChildProcess;
  output: () => string;
  /** Standard error alone: where a failed start explains itself. */
  errors: () => string;
  /** Resolves with the URL the server printed, or rejects with its output if it exits first. */
  ready: Promise<string>;
  exited: Promise<number | null>;
}

/** Runs the compiled server the way `npm start` does, as a separate process. */
export function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [SERVER_ENTRY], { env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => ((out += d), (err += d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = () => {
      const m = /(http:\/\/localhost:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    exited.then((code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  // Tests that expect a failed start never await `ready`; its rejection is not an error there.
  ready.catch(() => undefined);
  return { child, output: () => out, errors: () => err, ready, exited };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
