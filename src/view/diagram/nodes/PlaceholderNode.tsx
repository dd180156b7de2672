import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';

/** A switch extension that is switched off: its place in the stack stays visible. */
export const PlaceholderNode = memo(function PlaceholderNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const name = t(`diagram.node.ext.${data.extension ?? 'capture'}`);
  return (
    <div className="flex h-full w-full items-center justify-center rounded-md border border-dashed border-line hvv-label-sm text-[12px] text-muted">
      {t('diagram.node.extOff', { name })}
    </div>
  );
});
