const fence = /```[ \t]*(?:json|jsonc|javascript|js)?[ \t]*\r?\n([\s\S]*?)\r?\n?```/giu;

/**
 * The JSON an answer gives: the whole answer, or else the first fenced block (```json … ```)
 * that parses. JSON embedded in prose without a fence is not accepted: a caller that asked for
 * JSON should get JSON it can parse.
 */
export function parseJsonAnswer(output: string): { value: unknown } | { problem: string } {
  const text = output.trim();
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    for (const match of text.matchAll(fence)) {
      try {
        return { value: JSON.parse(match[1] ?? '') };
      } catch {
        // Try the next fence.
      }
    }
    return { problem: `not valid JSON: ${(error as Error).message}` };
  }
}
