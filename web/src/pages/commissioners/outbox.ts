import type { z } from 'zod';
import * as c from '@shared/contracts/commissioners.js';
import * as files from '@shared/contracts/files.js';
import { api, ApiError, uploadMultipart } from '../../api/client';

/**
 * Offline-tolerant service logs. A log is written to the phone's outbox
 * (localStorage) the moment the commissioner submits it, with an idempotency
 * key generated then; the outbox is sent now if the phone is online, and again
 * whenever it comes back online or the page opens. Photos wait in the outbox
 * as data URLs until uploaded; their file ids are kept so a retry does not
 * upload them twice. The server returns the first log for a key it has
 * already stored, so a retry after a lost answer never duplicates.
 */
export type OutboxPhoto = { name: string; type: string; dataUrl: string; fileId?: string };
export type OutboxEntry = { body: Omit<z.input<typeof c.ServiceLogBody>, 'photoFileIds'>; photos: OutboxPhoto[]; queuedAt: string; error?: string };

const KEY = 'chengguo.commissioner.outbox';

export function readOutbox(): OutboxEntry[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as OutboxEntry[];
  } catch {
    return [];
  }
}

function writeOutbox(entries: OutboxEntry[]): void {
  localStorage.setItem(KEY, JSON.stringify(entries));
}

/** Add a log to the outbox (throws if the phone's storage is full). */
export function enqueue(entry: OutboxEntry): void {
  writeOutbox([...readOutbox(), entry]);
}

function update(key: string, change: (e: OutboxEntry) => OutboxEntry | null): void {
  writeOutbox(readOutbox().flatMap((e) => (e.body.idempotencyKey === key ? (change(e) ?? []) : [e])));
}

export const fileToDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });

/** Decoded by hand: fetch() of a data: URL is refused by the app's content security policy. */
function dataUrlToFile(p: OutboxPhoto): File {
  const base64 = p.dataUrl.slice(p.dataUrl.indexOf(',') + 1);
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new File([bytes], p.name, { type: p.type });
}

/** A failure to reach the server (or a server error) leaves the entry for the next attempt; only a refusal marks it. */
const offline = (e: unknown) => !(e instanceof ApiError) || e.code === 'UNAVAILABLE' || e.status === 0 || e.status >= 500;

/**
 * Send what the outbox holds, oldest first. Network failures leave entries
 * for the next attempt; a refusal (a 4xx: the assignment ended, a bad field)
 * stays in the outbox with its message so the commissioner can see it.
 */
export async function flushOutbox(): Promise<{ sent: number; left: number; offline: boolean }> {
  let sent = 0;
  for (const entry of readOutbox()) {
    if (entry.error) continue;
    try {
      const ids: string[] = [];
      for (const p of entry.photos) {
        if (!p.fileId) {
          const uploaded = await uploadMultipart(files.uploadFile, { purpose: 'attachment' }, dataUrlToFile(p));
          p.fileId = uploaded.id;
          update(entry.body.idempotencyKey, (e) => ({ ...e, photos: e.photos.map((x) => (x.dataUrl === p.dataUrl ? { ...x, fileId: uploaded.id } : x)) }));
        }
        ids.push(p.fileId);
      }
      await api(c.logService, { body: { ...entry.body, photoFileIds: ids } });
      update(entry.body.idempotencyKey, () => null);
      sent++;
    } catch (e) {
      if (offline(e)) return { sent, left: readOutbox().length, offline: true };
      update(entry.body.idempotencyKey, (x) => ({ ...x, error: e instanceof Error ? e.message : String(e) }));
    }
  }
  return { sent, left: readOutbox().length, offline: false };
}

export function dropFromOutbox(key: string): void {
  update(key, () => null);
}
