// Files the widgets hand to the browser: a PDF or a CSV fetched with the token.

/** Hands bytes to the browser as a download. */
export function saveFile(bytes: BlobPart, type: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
