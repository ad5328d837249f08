// An app calling the OpenAI endpoints beyond chat through the official SDK: audio transcription,
// translation and speech, image edits, moderations, file uploads and batches, plus a transcription
// whose multipart body fetch gets as an encoded string. The server runs in this process on
// 127.0.0.1 and answers as OpenAI does. Prints { call, result, bodyBytes } per call, where
// bodyBytes is the size of the request body the server received, boundaries left out.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';

const RESPONSES = {
  '/v1/audio/transcriptions': { text: 'hello there', usage: { type: 'tokens', input_tokens: 14, output_tokens: 3, total_tokens: 17, input_token_details: { audio_tokens: 14, text_tokens: 0 } } },
  '/v1/audio/translations': { text: 'hello' },
  '/v1/images/edits': { created: 1, data: [{ b64_json: 'aGk=' }], usage: { input_tokens: 50, output_tokens: 100, total_tokens: 150 } },
  '/v1/moderations': { id: 'modr-1', model: 'omni-moderation-2024-09-26', results: [{ flagged: false }] },
  '/v1/files': { id: 'file-abc', object: 'file', bytes: 12, purpose: 'batch', filename: 'in.jsonl' },
  '/v1/batches': { id: 'batch_abc', object: 'batch', endpoint: '/v1/chat/completions', status: 'validating' },
};
const SPEECH = Buffer.alloc(64 * 1024, 7);
/** A streamed transcription as OpenAI sends it: text deltas, then the whole text with its usage. */
const TRANSCRIPT_EVENTS = [
  { type: 'transcript.text.delta', delta: 'hello' },
  { type: 'transcript.text.delta', delta: ' there' },
  { type: 'transcript.text.done', text: 'hello there', usage: { type: 'tokens', input_tokens: 21, output_tokens: 4, total_tokens: 25, input_token_details: { audio_tokens: 21, text_tokens: 0 } } },
].map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');

let lastBodyBytes = 0;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    // Without the multipart boundaries: the SDK's are random and of varying length.
    const received = Buffer.concat(chunks).toString('latin1');
    const boundary = /boundary=([^;]+)/.exec(req.headers['content-type'] ?? '')?.[1];
    lastBodyBytes = boundary ? received.split(boundary).join('').length : received.length;
    res.shouldKeepAlive = false;
    if (req.url === '/v1/audio/speech') {
      res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(SPEECH);
      return;
    }
    if (req.url === '/v1/audio/transcriptions' && /name="stream"\r\n\r\ntrue/.test(received)) {
      res.writeHead(200, { 'content-type': 'text/event-stream' }).end(TRANSCRIPT_EVENTS);
      return;
    }
    const body = RESPONSES[req.url];
    if (!body) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"type":"not_found"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseURL = `http://127.0.0.1:${server.address().port}/v1`;
const client = new OpenAI({ apiKey: 'sk-test', baseURL, maxRetries: 0 });
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-otel-upload-'));
// The SDK streams a file part before the model field: one file under the 64 KiB request prefix
// the capture keeps, one far past it (the model field is read as it goes by, the file is not kept).
const audioFile = path.join(uploads, 'speech.wav');
fs.writeFileSync(audioFile, Buffer.alloc(40 * 1024, 1));
const longAudioFile = path.join(uploads, 'long-speech.wav');
fs.writeFileSync(longAudioFile, Buffer.alloc(2 * 1024 * 1024, 1));
const audio = () => toFile(Buffer.alloc(300 * 1024, 1), 'speech.wav', { type: 'audio/wav' });

const CALLS = {
  transcription: async () => (await client.audio.transcriptions.create({ file: await audio(), model: 'gpt-4o-transcribe' })).text,
  'transcription, streamed from a file': async () => (await client.audio.transcriptions.create({ file: fs.createReadStream(audioFile), model: 'whisper-1' })).text,
  'transcription, streamed from a 2 MiB file': async () => (await client.audio.transcriptions.create({ file: fs.createReadStream(longAudioFile), model: 'whisper-1' })).text,
  'transcription, streamed response': async () => {
    const stream = await client.audio.transcriptions.create({ file: await audio(), model: 'gpt-4o-mini-transcribe', stream: true });
    let text = '';
    for await (const event of stream) if (event.type === 'transcript.text.done') text = event.text;
    return text;
  },
  translation: async () => (await client.audio.translations.create({ file: await audio(), model: 'whisper-1' })).text,
  speech: async () => (await (await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Hello there' })).arrayBuffer()).byteLength,
  'image edit': async () => (await client.images.edit({ image: await toFile(Buffer.alloc(50 * 1024, 2), 'in.png', { type: 'image/png' }), prompt: 'add a hat', model: 'gpt-image-1' })).data.length,
  moderation: async () => (await client.moderations.create({ model: 'omni-moderation-latest', input: 'is this fine' })).id,
  'file upload': async () => (await client.files.create({ file: await toFile(Buffer.from('{"a":1}\n'), 'in.jsonl'), purpose: 'batch' })).id,
  batch: async () => (await client.batches.create({ input_file_id: 'file-abc', endpoint: '/v1/chat/completions', completion_window: '24h' })).id,
  'fetch, multipart string body': async () => {
    const boundary = 'fault-suite-boundary';
    const body = [
      `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="a.wav"', 'Content-Type: audio/wav', '', 'RIFF....WAVE',
      `--${boundary}`, 'Content-Disposition: form-data; name="model"', '', 'whisper-1',
      `--${boundary}--`, '',
    ].join('\r\n');
    const response = await fetch(`${baseURL}/audio/transcriptions`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
    return (await response.json()).text;
  },
};

for (const [call, run] of Object.entries(CALLS)) {
  try {
    const result = await run();
    console.log(JSON.stringify({ call, result, bodyBytes: lastBodyBytes }));
  } catch (error) {
    console.log(JSON.stringify({ call, error: String(error?.message ?? error) }));
  }
}
server.close();
fs.rmSync(uploads, { recursive: true, force: true });
