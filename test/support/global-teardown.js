const fs = require('node:fs');

module.exports = async function globalTeardown() {
  const state = globalThis.__THEMIS_PG__;
  if (!state) return;
  await state.db.stop();
  fs.rmSync(state.dir, { recursive: true, force: true });
};
