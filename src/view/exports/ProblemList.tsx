import { useTranslation } from 'react-i18next';
import type { Problem } from '../../export/problems';

const JSON_TYPES = new Set(['array', 'boolean', 'int', 'missing', 'null', 'number', 'object', 'string', 'NaN']);

/** A problem as text in the user's language: "config.vms[2].adapter: "virtio" is not allowed; …". */
export function useProblemText() {
  const { t } = useTranslation();
  return (p: Problem): { where: string; message: string } => {
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(p.params)) params[k] = typeof v === 'string' && (k === 'expected' || k === 'found') && JSON_TYPES.has(v) ? t(`scenarios.jsonType.${v}`) : v;
    const where = p.path === '(file)' ? t('scenarios.wholeFile') : p.path === '(storage)' ? t('scenarios.storagePlace') : p.path;
    return { where, message: t(p.key, { ...params, defaultValue: String(params.detail ?? p.key) }) };
  };
}

/** Every problem, each with where it is; announced to screen readers when it appears. */
export function ProblemList({ problems, title, testId }: { problems: readonly Problem[]; title: string; testId?: string }) {
  const text = useProblemText();
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="rounded-md border border-danger bg-panel p-2 text-sm" data-testid={testId}>
      <p className="m-0 mb-1 font-bold text-danger">{title}</p>
      <ul className="m-0 list-disc pl-5">
        {problems.map((p, i) => {
          const x = text(p);
          return (
            <li key={i} data-path={p.path} data-key={p.key}>
              <code className="font-mono font-semibold">{x.where}</code>: {x.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
