// Footprint (issues 16 and 17): the inventory's implementation is a chunk of its own that the main
// entry loads with `import()` on the first `client.inventory` call, not at import; the audit's
// rules and schemas are built on first use. Needs the build (`npm test` builds before vitest).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const MARKER = 'the rest are missing'; // a string of src/resources/inventory.ts only

/** Files the entry imports statically (transitively), and the targets of its `import()` calls. */
function staticGraph(entry: string): { files: Set<string>; dynamic: Set<string> } {
  const files = new Set<string>();
  const dynamic = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const m of code.matchAll(/\bimport\s*\(\s*['"]\.\/([^'"]+)['"]\s*\)/g)) dynamic.add(m[1] ?? '');
    for (const re of [
      /\bfrom\s*['"]\.\/([^'"]+)['"]/g,
      /^import\s*['"]\.\/([^'"]+)['"]/gm,
      /\brequire\s*\(\s*['"]\.\/([^'"]+)['"]\s*\)/g,
    ]) {
      for (const m of code.matchAll(re)) visit(m[1] ?? '');
    }
  };
  visit(entry);
  return { files, dynamic };
}

describe('client.inventory is loaded on first use', () => {
  it.each(['index.js', 'index.cjs'])('%s does not import it statically, only through import()', (entry) => {
    expect(existsSync(join(dist, entry)), 'run npm run build first').toBe(true);
    const { files, dynamic } = staticGraph(entry);
    for (const file of files) expect(readFileSync(join(dist, file), 'utf8'), file).not.toContain(MARKER);
    const lazy = [...dynamic].filter((f) => /^inventory-/.test(f));
    expect(lazy).toHaveLength(1);
    expect(readFileSync(join(dist, lazy[0] ?? ''), 'utf8')).toContain(MARKER);
    expect(readdirSync(dist)).toContain(lazy[0]);
  });
});
