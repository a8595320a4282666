import { describeBound } from '../limits.ts';
import { runSettings, type RunSettingName } from './run-settings.ts';
import type { SettingDeclaration } from './setting.ts';

/**
 * README's table of `run` flags and eval-file keys, from the declarations; a test holds README
 * to it (`node scripts/write-schemas.ts` rewrites it).
 */
export function settingsTable(): string {
  const rows = (Object.keys(runSettings) as RunSettingName[]).map((name) => {
    const declaration: SettingDeclaration = runSettings[name];
    const flag = declaration.flag ? `\`--${declaration.flag}\`${declaration.alias ? ` \`-${declaration.alias}\`` : ''}` : '';
    const fallback =
      declaration.defaultDescription ?? (declaration.default === undefined ? '' : Array.isArray(declaration.default) ? declaration.default.join(', ') : String(declaration.default));
    const values = declaration.kind === 'number' ? describeBound(declaration.bound) : declaration.kind === 'texts' ? 'one or more' : declaration.kind === 'boolean' ? 'true or false' : 'text';
    const resume = { identity: 'fixed', kept: 'kept', fresh: 'new' }[declaration.resume];
    return `| ${flag} | \`${declaration.path.join('.')}\` | ${declaration.describe} | ${values} | ${fallback} | ${resume} |`;
  });
  return ['| flag | file key | what | values | default | on resume |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

const start = '<!-- settings-table:start -->';
const end = '<!-- settings-table:end -->';

/** README with its settings table (between its markers) replaced by the one the declarations give. */
export function withSettingsTable(readme: string): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README has no ${start} … ${end} markers`);
  return `${readme.slice(0, from + start.length)}\n${settingsTable()}\n${readme.slice(to)}`;
}
