// Chart attachments: DocumentReferences whose title is a file name with an extension Ocean supports.
import type * as fhir from '../../fhir/types.js';

/** See: docs/smart-launch.md#patient-everything (DocumentReference.content.attachment.title must carry one of these). */
export const SUPPORTED_EXTENSIONS = ['jpg', 'jpeg', 'png', 'tiff', 'tif', 'bmp', 'mp3', 'mp4', 'txt', 'pdf', 'mov', 'avi'] as const;

export interface ChartAttachment {
  id: string;
  title: string;
  contentType: string;
  /** Base64 content when inline; otherwise `url` is fetched with the access token at send time. */
  data?: string;
  url?: string;
}

export interface AttachmentScan {
  attachments: ChartAttachment[];
  /** Titles skipped, with why. */
  skipped: string[];
}

/** Picks the attachable documents of a $everything bundle. */
export function chartAttachments(bundle: fhir.Bundle): AttachmentScan {
  const attachments: ChartAttachment[] = [];
  const skipped: string[] = [];
  for (const e of bundle.entry ?? []) {
    const doc = e.resource;
    if (doc?.resourceType !== 'DocumentReference' || doc.status === 'entered-in-error') continue;
    doc.content.forEach((c, n) => {
      const a = c.attachment;
      const title = a.title ?? '';
      const ext = /\.([a-z0-9]+)$/i.exec(title)?.[1]?.toLowerCase();
      if (!ext || !(SUPPORTED_EXTENSIONS as readonly string[]).includes(ext)) return void skipped.push(`${title || '(untitled)'}: not a file name with a supported extension`);
      if (!a.data && !a.url) return void skipped.push(`${title}: no data or url`);
      attachments.push({ id: `${doc.id ?? attachments.length}-${n}`, title, contentType: a.contentType ?? 'application/octet-stream', data: a.data, url: a.url });
    });
  }
  return { attachments, skipped };
}
