import { BoundedText } from '../stream/text-buffer.js';
import { toolCallArguments } from '../content-parts.js';

interface Block {
  kind: 'text' | 'reasoning' | 'tool_call';
  text: BoundedText;
  id?: string;
  name?: string;
}

/**
 * The assistant message a stream spells out in deltas, block by block (Converse and Nova use
 * `contentBlockIndex`, Anthropic `index`; single-text families use block 0). Only fed when
 * content capture is on.
 */
export class StreamedOutput {
  private readonly blocks = new Map<number, Block>();

  private block(index: number, kind: Block['kind']): Block {
    let block = this.blocks.get(index);
    if (!block) {
      block = { kind, text: new BoundedText() };
      this.blocks.set(index, block);
    }
    return block;
  }

  text(index: number, delta: unknown): void {
    this.block(index, 'text').text.append(delta);
  }

  reasoning(index: number, delta: unknown): void {
    this.block(index, 'reasoning').text.append(delta);
  }

  toolStart(index: number, id: string | undefined, name: string | undefined): void {
    const block = this.block(index, 'tool_call');
    block.kind = 'tool_call';
    block.id = id;
    block.name = name;
  }

  /** Tool input arrives as fragments of one JSON text. */
  toolInput(index: number, delta: unknown): void {
    this.block(index, 'tool_call').text.append(delta);
  }

  get isEmpty(): boolean {
    return this.blocks.size === 0;
  }

  /**
   * Adjacent text blocks become one part: Nova opens a new block for every delta, which says
   * nothing about the message's structure.
   */
  message(finishReason: string | number | undefined): unknown {
    const parts: Array<{ type: string; content?: string; id?: string; name?: string; arguments?: unknown }> = [];
    for (const [, block] of [...this.blocks.entries()].sort(([a], [b]) => a - b)) {
      const text = block.text.toString();
      const last = parts.at(-1);
      if (block.kind === 'tool_call') {
        parts.push({ type: 'tool_call', id: block.id, name: block.name, arguments: text ? toolCallArguments(text) : undefined });
      } else if (last && last.type === block.kind) {
        last.content += text;
      } else {
        parts.push({ type: block.kind, content: text });
      }
    }
    return { role: 'assistant', parts, finish_reason: finishReason };
  }
}
