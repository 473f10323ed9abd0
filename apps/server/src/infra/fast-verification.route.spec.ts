import { shadowedByFastVerification } from './fast-verification.route';

const get = (path: string) => ({ path, methods: { get: true } });
const post = (path: string) => ({ path, methods: { post: true } });

describe('the fast verification route', () => {
  it('lets the routes that legitimately share its prefix be: :code, batch, document, longer paths and other methods', () => {
    expect(shadowedByFastVerification([get('/api/v1/verify/:code'), post('/api/v1/verify/batch'), post('/api/v1/verify/document'), get('/api/v1/verify/holders/:barNumber'), get('/api/v1/verify/:code/credential'), get('/verify/:code')])).toEqual([]);
  });

  it('names a one-segment GET route it would answer in its place', () => {
    expect(shadowedByFastVerification([get('/api/v1/verify/:code'), get('/api/v1/verify/stats'), get('/api/v1/verify/:other')])).toEqual(['GET /api/v1/verify/stats', 'GET /api/v1/verify/:other']);
  });
});
