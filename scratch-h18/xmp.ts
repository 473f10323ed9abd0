import * as fs from 'node:fs';
import { renderCertificatePdf } from '../libs/certification/src/pdf/certificate-pdf.renderer';
(async () => {
  const pdf = await renderCertificatePdf({ code: 'ABCD-EFGH-JKLM', holderName: 'Aytən <&> Məmmədova', profession: 'judge', barNumber: null, courseTitle: 'Fair trial & <detention>', courseVersion: 1, cleHours: 2, cleCategories: { procedural: 1.5 }, completedAt: new Date(), issuedAt: new Date(), expiresAt: null, issuer: 'Themis Continuing Legal Education', replaces: null, verifyUrl: 'https://x/verify/ABCD', memberships: [], accreditations: [] } as any, 'az', { json: '{"a":1}' });
  fs.writeFileSync('/tmp/h18s/xmp.pdf', pdf);
  const t = pdf.toString('utf8');
  fs.writeFileSync('/tmp/h18s/xmp.xml', t.slice(t.indexOf('<x:xmpmeta'), t.indexOf('</x:xmpmeta>') + 12));
})();
