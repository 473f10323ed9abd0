import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { joseCallbacks, openid4vc } from '@themis/certification';
import { createTestApp, LearnerPath, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { axeViolations, launchChromium, overflowsAt360, screenshots } from './browser-support';

jest.setTimeout(240_000);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const HEADINGS = { en: 'Add your certificate to a wallet', az: 'Sertifikatınızı rəqəmsal pul kisəsinə əlavə edin', ru: 'Добавьте сертификат в цифровой кошелёк' };

/** The certificate's wallet page: reached from the dashboard, its QR code is the offer a wallet redeems, in en/az/ru. */
describe('Wallet offer page (OpenID4VCI QR code)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let learner: SignedInUser;
  let code: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-wallet-'));

  beforeAll(async () => {
    const port = await freePort();
    [t, browser] = await Promise.all([createTestApp({ port, env: { PUBLIC_URL: `http://127.0.0.1:${port}` } }), launchChromium()]);
    const admin = await loginAs(t, 'admin');
    learner = await loginAs(t, 'learner', { fullName: 'Rəşad Əliyev' });
    const p = new LearnerPath(t, learner);
    await p.enroll('path-course');
    await p.completeAllLessons('path-course');
    await p.passQuiz('path-course', 'basics-quiz', admin);
    code = (await request(t.url).get('/api/v1/me/certificates').set(learner.auth).expect(200)).body[0].code;
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${t.url}/sign-in`);
    await page.fill('#email', learner.email);
    await page.fill('#password', learner.password);
    await Promise.all([page.waitForEvent('load'), page.click('form[action="/sign-in"] button[type="submit"]')]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['en', 'az', 'ru'] as const)('in %s: the QR code decodes to the link, and a wallet redeems it', async (lang) => {
    await request(t.url).patch('/api/v1/me').set(learner.auth).send({ locale: lang }).expect(200);
    await page.goto(`${t.url}/dashboard`);
    await Promise.all([page.waitForEvent('load'), page.click(`a[href="/certificates/${code}/wallet"]`)]);
    expect(await page.locator('h1').textContent()).toBe(HEADINGS[lang]);
    const link = (await page.locator('a[href^="openid-credential-offer://"]').getAttribute('href'))!;
    const qr = path.join(dir, `qr-${lang}.png`);
    await page.locator('.wallet-qr img').screenshot({ path: qr });
    expect(execFileSync('zbarimg', ['--quiet', '--raw', qr], { encoding: 'utf8' }).trim()).toBe(link);
    expect(await axeViolations(page, `wallet-${lang}`)).toEqual([]);
    expect(await overflowsAt360(page)).toBe(false);
    await screenshots(page, `wallet-offer-${lang}`);

    const lib = await openid4vc();
    lib.setGlobalConfig({ allowInsecureUrls: true });
    const client = new lib.Openid4vciClient({ callbacks: { ...joseCallbacks(), clientAuthentication: lib.clientAuthenticationAnonymous() } });
    const offer = await client.resolveCredentialOffer(link);
    const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata });
    const { credentialResponse } = await client.retrieveCredentials({ issuerMetadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId: offer.credential_configuration_ids[0] });
    expect(credentialResponse.credentials[0].credential).toMatchObject({ id: `${t.url}/verify/${code}`, credentialSubject: { name: 'Rəşad Əliyev' } });
  });
});
