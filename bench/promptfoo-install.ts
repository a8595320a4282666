import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const promptfooVersion = '0.123.1';
/** Gitignored (bench/.gitignore): promptfoo is the bench's peer, not a dependency of llm-bench. */
export const promptfooFolder = fileURLToPath(new URL('.cache/promptfoo/', import.meta.url));

/**
 * promptfoo's CLI entry, installed from the registry into bench/.cache/promptfoo when missing
 * (never at test time: only this bench calls it). Its own dependencies come with it; the
 * project's lock file is untouched.
 */
export function ensurePromptfoo(): string {
  const entry = `${promptfooFolder}node_modules/promptfoo/dist/src/entrypoint.js`;
  const manifest = `${promptfooFolder}node_modules/promptfoo/package.json`;
  const installed = existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  if (installed !== promptfooVersion || !existsSync(entry)) {
    console.log(`Installing promptfoo ${promptfooVersion} into ${promptfooFolder} (once)…`);
    mkdirSync(promptfooFolder, { recursive: true });
    execFileSync('npm', ['install', '--prefix', promptfooFolder, '--no-audit', '--no-fund', '--no-save', `promptfoo@${promptfooVersion}`], { stdio: 'inherit' });
  }
  return entry;
}
