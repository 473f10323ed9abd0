import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface PostgresProcess {
  url: string;
  stop(): Promise<void>;
}

/** An embedded PostgreSQL in a child process, on a fixed port if given, so a test can stop it and start it again at the same address. */
export async function startPostgresProcess(dataDir: string, port?: number): Promise<PostgresProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, 'postgres-child.js'), dataDir, ...(port ? [String(port)] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d) => (out += d));
    exited.then((code) => reject(new Error(`embedded PostgreSQL exited with ${code}: ${out}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
