// Removes compiled files whose TypeScript source is gone, so a deleted migration or
// entity never lingers in dist/ (TypeORM loads both by file pattern).
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
function walk(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.js')) {
      const source = path.join(root, path.relative(dist, full)).replace(/\.js$/, '.ts');
      if (!fs.existsSync(source)) fs.rmSync(full);
    }
  }
}
walk(dist);
