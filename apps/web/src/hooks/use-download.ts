import { useState } from 'react';
import type { DownloadedFile } from '../api/client';
import { saveFile } from '../downloads';

export type DownloadState =
  | { status: 'idle' }
  | { status: 'busy' }
  | { status: 'saved'; filename: string }
  | { status: 'failed'; error: unknown };

/** Fetches a file with the session's token and saves it, keeping where that stands for the screen to say. */
export function useDownload(): {
  state: DownloadState;
  start(fetchFile: () => Promise<DownloadedFile>): void;
} {
  const [state, setState] = useState<DownloadState>({ status: 'idle' });
  const start = (fetchFile: () => Promise<DownloadedFile>) => {
    setState({ status: 'busy' });
    fetchFile().then(
      (file) => {
        saveFile(file);
        setState({ status: 'saved', filename: file.filename });
      },
      (error: unknown) => setState({ status: 'failed', error }),
    );
  };
  return { state, start };
}
