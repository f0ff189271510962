import { printable } from "./printable.js";

/**
 * What V8 says is wrong with a JSON text, for a json-syntax message: its message without the
 * position (the incident has it as line and column) and with what it quotes of the input (the
 * token, a snippet) made printable, since that may hold a line break or a NUL.
 */
export function syntaxReason(error: Error): string {
  return printable(error.message.split(/ in JSON| is not valid/)[0]!);
}

/**
 * The UTF-16 offset of the first syntax error in a JSON text, found without recursion so that
 * deeply nested input cannot overflow the stack. JSON.parse decides whether the text is valid;
 * this only says where it stops being so, because V8's messages do not always give a position.
 */
export function jsonErrorOffset(text: string): number {
  const stack: number[] = []; // 0x7b for an object, 0x5b for an array
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const string = (): boolean => {
    if (text.charCodeAt(i) !== 0x22) return false;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            return false;
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const number = (): boolean => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  const literal = (): boolean => {
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    return false;
  };
  // value, then what may follow it, in a loop over an explicit stack of open containers
  for (;;) {
    ws();
    if (i >= n) return n;
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      stack.push(c);
      i++;
      ws();
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(i) === close) {
        stack.pop();
        i++;
      } else {
        if (c === 0x7b) {
          if (!string()) return i;
          ws();
          if (text.charCodeAt(i) !== 0x3a) return i;
          i++;
        }
        continue;
      }
    } else if (!(c === 0x22 ? string() : c === 0x2d || (c >= 0x30 && c <= 0x39) ? number() : literal())) {
      return i;
    }
    // after a value: a comma, a closing bracket, or the end
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? i : n;
      if (i >= n) return n;
      const d = text.charCodeAt(i);
      if (d === 0x2c) {
        i++;
        if (top === 0x7b) {
          ws();
          if (!string()) return i;
          ws();
          if (text.charCodeAt(i) !== 0x3a) return i;
          i++;
        }
        break;
      }
      if (d === (top === 0x7b ? 0x7d : 0x5d)) {
        stack.pop();
        i++;
        continue;
      }
      return i;
    }
  }
}
