// What one referral letter prints and draws at most. pdfkit lays out text and decodes images on the event loop, so
// a letter costs what it prints: each bound is far above a real referral and keeps a hostile one under a second.

export const LETTER_LIMITS = {
  /**
   * Longest run of characters handed to pdfkit without a break its line wrapper is sure to take. The wrapper
   * measures the rest of an over-long word again for every line it breaks off (quadratic: one 130,000-letter
   * name held the event loop for 40 s); a line holds about 95 characters, and real words and names are far shorter.
   */
  word: 60,
  /** Characters of one printed value (a name, a question, an answer, the note, a title): the longest free-text field the admin API takes, most of a page. */
  value: 4_096,
  /** Form items printed: Ocean's longest eForms have a few hundred; the full form is in the QuestionnaireResponse. */
  items: 1_000,
  /** Attachments listed and appended (each appended one starts a page); each stays available through $binary. */
  attachments: 100,
  /** Characters printed of one text attachment (64 KiB is about 15 pages); the full file is attached to the referral. */
  textAttachment: 64 * 1024,
  /** Characters printed in all, form and text attachments included (about 30 pages): what keeps a letter under a second. */
  total: 128 * 1024,
  /**
   * What one character from U+2E80 on (CJK, kana, Hangul, fullwidth forms) counts against `total`: it is drawn with the
   * CJK font and is a word of its own for the line wrapper, 5-30 times the work of a Latin one (8,192 of them fill a letter).
   */
  cjkCost: 16,
  /** What a change of embedded font within a value counts against `total`: each is one more pdfkit text run, 10-30 Latin characters' work. */
  fontChangeCost: 16,
  /**
   * Pixels of one PNG. pdfkit decodes a PNG with transparency or interlacing, splits and recompresses it on the
   * event loop (a 36-megapixel one held it 1.9 s and 600 MB); 9 megapixels fit a US-letter or A4 page scanned
   * at 300 dpi (8.4 and 8.7 megapixels) and a 4K screenshot.
   */
  pngPixels: 9_000_000,
  /** Pixels of one JPEG: pdfkit copies a JPEG without decoding it, so this only spares the reader; 48-megapixel phone photos fit. */
  jpegPixels: 50_000_000,
  /** PNG pixel data one letter decodes to check its images (what a letter's images may cost the process at most). */
  pngBytes: 64 * 1024 * 1024,
  /** Of that, what pdfkit decodes again (transparency or interlacing): about 4 megapixels of RGBA, at most half a second. */
  pngBytesDecodedByPdfkit: 16 * 1024 * 1024,
} as const;
