import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * A throw-away PKI made with the openssl CLI: a root CA, a PDF signer certificate it issued (with its
 * key), and a timestamping unit's certificate (extendedKeyUsage timeStamping, critical, RFC 3161 §2.3).
 */
export interface TestPki {
  dir: string;
  caCert: string;
  signerKey: string;
  signerCert: string;
  /** The chain above the signer (the CA), PEM: what SIGNING_CERT_CHAIN_FILE names. */
  chainFile: string;
  tsaCert: string;
  tsaKey: string;
  remove(): void;
}

export function createTestPki(): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-pki-'));
  const ext = path.join(dir, 'ext.cnf');
  fs.writeFileSync(
    ext,
    [
      '[ca]', 'basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash',
      '[signer]', 'basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,nonRepudiation', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid',
      '[tsa]', 'basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=critical,timeStamping', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid',
    ].join('\n'),
  );
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', '/C=AZ/O=Test Bar Trust/CN=Test Root CA', '-extensions', 'ca', '-config', ext], dir);
  for (const [name, cn] of [['signer', 'Themis Test Signer'], ['tsa', 'Test Timestamping Unit']]) {
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/C=AZ/O=Themis/CN=${cn}`], dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '825', '-extfile', ext, '-extensions', name], dir);
  }
  const p = (f: string) => path.join(dir, f);
  return { dir, caCert: p('ca.crt'), signerKey: p('signer.key'), signerCert: p('signer.crt'), chainFile: p('ca.crt'), tsaCert: p('tsa.crt'), tsaKey: p('tsa.key'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface LocalTsa {
  /** TSA_URL for the app under test. */
  url: string;
  /** Requests answered with a token so far. */
  stamped: number;
  /** While true, every request is answered 503 (the authority is "down"). */
  down: boolean;
  close(): Promise<void>;
}

/** An RFC 3161 timestamping authority over HTTP: each query is answered by `openssl ts -reply` with the test TSA key. */
export async function startLocalTsa(pki: TestPki): Promise<LocalTsa> {
  const cnf = path.join(pki.dir, 'tsa.cnf');
  fs.writeFileSync(path.join(pki.dir, 'tsaserial'), '01\n');
  fs.writeFileSync(
    cnf,
    [
      '[tsa]', 'default_tsa = unit', '[unit]', `dir = ${pki.dir}`, 'serial = $dir/tsaserial', 'crypto_device = builtin',
      'signer_cert = $dir/tsa.crt', 'certs = $dir/ca.crt', 'signer_key = $dir/tsa.key', 'signer_digest = sha256', 'default_policy = 1.3.6.1.4.1.99999.1',
      'digests = sha256', 'accuracy = secs:1', 'ordering = no', 'tsa_name = yes', 'ess_cert_id_chain = no', 'ess_cert_id_alg = sha256',
    ].join('\n'),
  );
  let seq = 0;
  const tsa: Omit<LocalTsa, 'url' | 'close'> = { stamped: 0, down: false };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (tsa.down || req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(tsa.down ? 503 : 400).end();
        return;
      }
      const n = ++seq;
      const query = path.join(pki.dir, `q${n}.tsq`);
      const reply = path.join(pki.dir, `r${n}.tsr`);
      fs.writeFileSync(query, Buffer.concat(chunks));
      promisify(execFile)('openssl', ['ts', '-reply', '-config', cnf, '-queryfile', query, '-out', reply])
        .then(() => {
          tsa.stamped++;
          res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(fs.readFileSync(reply));
        })
        .catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return Object.assign(tsa, { url: `http://127.0.0.1:${port}/tsr`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}
