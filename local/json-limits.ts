/**
 * Limits the local gateway puts on a JSON request body before parsing it (issue 16: a body nested
 * 10 000 levels deep jammed the function workers — structured clone into a worker thread recurses
 * and throws `RangeError: Maximum call stack size exceeded` from about 5 000 levels).
 *
 * {@link jsonNestingDepth} measures how deep arrays and objects nest in a JSON text with one
 * left-to-right pass and a counter (no recursion, no parse), skipping brackets inside strings
 * (escapes included), so its cost is linear in the text and independent of the nesting. It does
 * not validate the JSON: `JSON.parse` does that afterwards.
 */

/** Deepest nesting the gateway hands to a function: `{"a":[1]}` is 2. No action of ours needs more than 4. */
export const MAX_JSON_DEPTH = 64;

/**
 * How deep `text` nests (`0` for a bare value, `1` for `{}` or `[]`, `2` for `[[]]` …), counting
 * only brackets outside strings. Stops early and answers `stopAt + 1` once the depth passes
 * `stopAt` (default: never stops early).
 */
export function jsonNestingDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i += 1;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAt) return stopAt + 1;
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth -= 1;
  }
  return deepest;
}
