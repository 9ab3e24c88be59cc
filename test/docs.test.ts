// The README's examples are run by the suite so they cannot rot (DESIGN.md, Style): every
// `npx rampart …` line of its ```sh blocks must exit 0, and every ```js block must run under plain
// Node, resolving `rampart/<stage>` through the package's exports map to the built JavaScript.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function blocks(lang: string): string[] {
  return [...README.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('README examples', () => {
  const commands = blocks('sh')
    .flatMap((b) => b.split('\n'))
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.startsWith('npx rampart '));

  it('has a tour', () => expect(commands.length).toBeGreaterThanOrEqual(5));

  for (const line of commands) {
    it(`runs: ${line}`, () => {
      const cmd = line.replace(/^npx rampart /, `node ${JSON.stringify(join(ROOT, 'dist/cli/main.js'))} `);
      // Through bash so globs like scenarios/*.yaml expand as they do for the user; throws on exit ≠ 0.
      execFileSync('bash', ['-c', cmd], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
    });
  }

  it('the first two lines are the set-up and test commands', () => {
    const first = blocks('sh')[0]!.split('\n');
    expect(first[0]).toMatch(/^npm install && npm start\b/);
    expect(first[1]).toMatch(/^npm test\b/);
  });

  blocks('js').forEach((code, i) => {
    it(`js example ${i + 1} runs with plain Node`, () => {
      const dir = join(ROOT, '.rampart-tmp');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `readme-${i + 1}.mjs`);
      writeFileSync(file, code);
      const out = execFileSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
      expect(out.length).toBeGreaterThan(0);
    });
  });
});
