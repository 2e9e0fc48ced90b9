import { Writable } from 'node:stream';

/** A stream a command writes to, and what it wrote, as text. */
export const textSink = () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
};
