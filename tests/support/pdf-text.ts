import { PDFParse } from 'pdf-parse';

/** A PDF's text and page count, extracted with a real PDF parser. */
export async function pdfText(data: Uint8Array): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } finally {
    await parser.destroy();
  }
}
