/**
 * protoc's default json_name: drop each underscore and upper-case the ASCII
 * letter after it; every other character stays as it is (a leading capital
 * is kept, digits are not "capitalized"). Matches ToJsonName in protoc's
 * descriptor.cc, which both loaders must agree with.
 */
export function protocJsonName(fieldName: string): string {
  let out = "";
  let upperNext = false;
  for (const ch of fieldName) {
    if (ch === "_") {
      upperNext = true;
    } else if (upperNext) {
      out += ch >= "a" && ch <= "z" ? ch.toUpperCase() : ch;
      upperNext = false;
    } else {
      out += ch;
    }
  }
  return out;
}
