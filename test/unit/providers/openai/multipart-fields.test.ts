import { describe, expect, it } from 'vitest';
import { multipartFields } from '../../../../src/providers/openai/multipart-fields.js';

const encoded = (...parts: string[]) => [...parts.flatMap((part) => ['--b', part]), '--b--', ''].join('\r\n');
const field = (name: string, value: string) => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`;
const file = (name: string, bytes: string) => `Content-Disposition: form-data; name="${name}"; filename="f.wav"\r\nContent-Type: audio/wav\r\n\r\n${bytes}`;

describe('multipartFields', () => {
  it('reads text fields from an encoded body, before and after the file', () => {
    expect(multipartFields(encoded(field('model', 'whisper-1'), file('file', 'RIFF'), field('stream', 'true')), ['model', 'stream'])).toEqual({ model: 'whisper-1', stream: 'true' });
  });

  it('never takes a file part for a field, even one named like a field', () => {
    expect(multipartFields(encoded(file('model', 'not-a-model')), ['model'])).toEqual({});
  });

  it('ignores a field the prefix cuts off, and fields past 64 KiB', () => {
    const body = encoded(file('file', 'x'.repeat(70 * 1024)), field('model', 'whisper-1'));
    expect(multipartFields(body, ['model'])).toEqual({});
    expect(multipartFields(encoded(field('model', 'whisper-1')).slice(0, 40), ['model'])).toEqual({});
  });

  it('reads a FormData by name without touching its files', () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(10)]), 'a.wav');
    form.set('model', 'gpt-4o-transcribe');
    expect(multipartFields(form, ['model', 'file'])).toEqual({ model: 'gpt-4o-transcribe' });
  });

  it('reads nothing from JSON-shaped or other bodies', () => {
    expect(multipartFields({ model: 'm' }, ['model'])).toEqual({});
    expect(multipartFields('{"model":"m"}', ['model'])).toEqual({});
  });
});
