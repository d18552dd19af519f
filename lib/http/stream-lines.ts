// Lines as an HTTP body, pulled a batch of about 64 kB at a time as the client reads, so
// memory stays flat however many lines there are; a cancelled download stops the source.
export function streamLines(source: () => AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let chunks: AsyncGenerator<string> | undefined;

  async function* batches(): AsyncGenerator<string> {
    let batch = "";
    for await (const line of source()) {
      batch += line;
      if (batch.length > 64_000) {
        yield batch;
        batch = "";
      }
    }
    if (batch) yield batch;
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      chunks ??= batches();
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks?.return(undefined);
    },
  });
}
