/**
 * The import wizard, for contacts or for sales (`?kind=sales`): choose a
 * file, match its columns, set the options, check every row in a preview,
 * import with progress, then see the result and undo it if needed. Each
 * preview and the import stream their progress. The cancel button, or
 * leaving the page, stops the run on the server.
 */
import { Box, Progress, SegmentedControl, Stack, Stepper, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/session-context.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import {
  commitImport,
  discardPreview,
  type ImportKind,
  type ImportProgress,
  type ImportRecord,
  type ImportSettings,
  type ImportSummary,
  matchKeys,
  previewImport,
  useMappableFields,
} from './api.ts';
import { ImportHistory } from './ImportHistory.tsx';
import { kindKey } from './kindKeys.ts';
import { MappingStep } from './MappingStep.tsx';
import { OptionsStep } from './OptionsStep.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import { ResultStep } from './ResultStep.tsx';
import { UploadStep } from './UploadStep.tsx';

type Step = 'upload' | 'mapping' | 'options' | 'preview' | 'result';
const steps: Step[] = ['upload', 'mapping', 'options', 'preview', 'result'];

const defaultSettings = (kind: ImportKind): ImportSettings => ({ kind, mode: 'create', matchOn: [...matchKeys], onInvalid: 'abort' });

export interface RunState {
  kind: 'preview' | 'commit';
  progress: ImportProgress;
}

export function ImportPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const kind: ImportKind = params.get('kind') === 'sales' ? 'sales' : 'contacts';
  const fields = useMappableFields(i18n.language, kind);
  const [step, setStep] = useState<Step>('upload');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportRecord | null>(null);
  const [result, setResult] = useState<ImportRecord | null>(null);
  const [chosen, setChosen] = useState<Record<string, string | null>>({});
  const [settings, setSettings] = useState<ImportSettings>(() => defaultSettings(kind));
  const [run, setRun] = useState<RunState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);

  // Leaving the page cancels a run still going.
  useEffect(() => () => controller.current?.abort(), []);

  const stream = async <T,>(kind: RunState['kind'], start: (request: Parameters<typeof previewImport>[2]) => Promise<T>) => {
    const abort = new AbortController();
    controller.current = abort;
    setError(null);
    setRun({ kind, progress: { done: 0, total: null } });
    try {
      return await start({
        csrfToken: session.csrfToken,
        signal: abort.signal,
        onProgress: (progress) => setRun({ kind, progress }),
      });
    } catch (caught) {
      if (!(caught instanceof DOMException && caught.name === 'AbortError')) setError(caught);
      return null;
    } finally {
      if (controller.current === abort) controller.current = null;
      setRun(null);
    }
  };

  const check = async (target: File, nextSettings: ImportSettings, mapping: Record<string, string | null>, then: Step) => {
    const previous = preview;
    const record = await stream('preview', (request) =>
      previewImport(target, { ...nextSettings, ...(Object.keys(mapping).length > 0 ? { mapping } : {}) }, request),
    );
    if (!record) return;
    if (previous && previous.id !== record.id && previous.status === 'previewed') {
      // The older preview will never be imported: let the server drop its copy of the file.
      void discardPreview(previous.id).catch(() => undefined);
    }
    setPreview(record);
    setStep(then);
  };

  const chooseFile = (picked: File) => {
    setFile(picked);
    setChosen({});
    setResult(null);
    void check(picked, settings, {}, 'mapping');
  };

  const importRows = async (onInvalid: ImportSettings['onInvalid']) => {
    if (!preview) return;
    const record = await stream('commit', (request) => commitImport(preview.id, onInvalid, request));
    if (!record) return;
    setResult(record);
    setPreview(null);
    setStep('result');
  };

  /** Runs an interrupted import again from the file the server kept. */
  const runAgain = async (item: ImportSummary) => {
    setFile(null);
    setPreview(null);
    const record = await stream('commit', (request) => commitImport(item.id, undefined, request));
    if (!record) return;
    setResult(record);
    setStep('result');
  };

  const restart = () => {
    controller.current?.abort();
    if (preview?.status === 'previewed') void discardPreview(preview.id).catch(() => undefined);
    setFile(null);
    setPreview(null);
    setResult(null);
    setChosen({});
    setError(null);
    setStep('upload');
  };

  const cancelRun = () => controller.current?.abort();
  const chooseKind = (value: string) => setParams(value === 'sales' ? { kind: 'sales' } : {}, { replace: true });
  // Another kind, chosen here or by a link while the page is open, starts a new wizard.
  useEffect(() => {
    if (settings.kind === kind) return;
    restart();
    setSettings(defaultSettings(kind));
  }, [kind]);
  // The result step shows as done, like the steps before it.
  const active = step === 'result' ? steps.length : steps.indexOf(step);

  return (
    <>
      <PageHeader title={t(kindKey(kind, 'transfer.import.title'))} description={t(kindKey(kind, 'transfer.import.description'))} />
      <Stack gap="lg">
        {step === 'upload' && !run && (
          <SegmentedControl
            aria-label={t('transfer.import.kind.label')}
            value={kind}
            onChange={chooseKind}
            data={[
              { value: 'contacts', label: t('transfer.import.kind.contacts') },
              { value: 'sales', label: t('transfer.import.kind.sales') },
            ]}
            style={{ alignSelf: 'flex-start' }}
            data-testid="import-kind"
          />
        )}
        <Box visibleFrom="sm">
          <Stepper active={active} size="sm" allowNextStepsSelect={false} onStepClick={(index) => {
            const target = steps[index];
            if (target && index < active && step !== 'result' && !run) setStep(target);
          }}>
            {steps.map((name) => (
              <Stepper.Step key={name} label={t(`transfer.import.steps.${name}`)} />
            ))}
          </Stepper>
        </Box>
        {/* A phone has no room for five labelled steps: it shows the current one and a bar. */}
        <Stack gap={6} hiddenFrom="sm">
          <Text size="sm" fw={600}>
            {t('transfer.import.stepOf', { n: steps.indexOf(step) + 1, total: steps.length, label: t(`transfer.import.steps.${step}`) })}
          </Text>
          <Progress value={((steps.indexOf(step) + 1) / steps.length) * 100} size="sm" aria-hidden />
        </Stack>

        {step === 'upload' && (
          <UploadStep kind={kind} file={file} run={run} error={error} onFile={chooseFile} onCancel={cancelRun} />
        )}
        {step === 'mapping' && preview && (
          <MappingStep
            record={preview}
            fields={fields.data?.items ?? []}
            chosen={chosen}
            onChange={(key, field) => setChosen((current) => ({ ...current, [key]: field }))}
            onBack={restart}
            onNext={() => setStep('options')}
          />
        )}
        {step === 'options' && file && (
          <OptionsStep
            settings={settings}
            onChange={setSettings}
            run={run}
            error={error}
            onBack={() => setStep('mapping')}
            onNext={() => void check(file, settings, chosen, 'preview')}
            onCancel={cancelRun}
          />
        )}
        {step === 'preview' && preview && (
          <PreviewStep
            record={preview}
            settings={settings}
            run={run}
            error={error}
            onBack={() => setStep('options')}
            onImport={(onInvalid) => void importRows(onInvalid)}
            onCancel={cancelRun}
          />
        )}
        {step === 'result' && result && <ResultStep record={result} onRestart={restart} />}

        {step === 'upload' && !run && <ImportHistory onRestart={(item) => void runAgain(item)} />}
      </Stack>
    </>
  );
}
