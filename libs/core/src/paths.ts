import * as fs from 'node:fs';
import * as path from 'node:path';

/** The checkout's root (where package.json is), found from this file so it holds for ts sources and dist/ alike. */
export const projectRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
})();
