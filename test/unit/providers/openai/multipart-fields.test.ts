import { describe, expect, it } from 'vitest';
import { multipartFields } from '../../../../src/providers/openai/multipart-fields.js';

describe('multipartFields', () => {
  it('reads a FormData by name without touching its files', () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(10)]), 'a.wav');
    form.set('model', 'gpt-4o-transcribe');
    expect(multipartFields(form, ['model', 'file'])).toEqual({ model: 'gpt-4o-transcribe' });
  });

  it('reads nothing from JSON-shaped or other bodies', () => {
    expect(multipartFields({ model: 'm' }, ['model'])).toEqual({});
    expect(multipartFields('{"model":"m"}', ['model'])).toEqual({});
    expect(multipartFields('--b\r\nContent-Disposition: form-data; name="model"\r\n\r\nm\r\n--b--', ['model'])).toEqual({});
  });
});
