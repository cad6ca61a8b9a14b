// Display width of a string in a monospace terminal/editor: East Asian Wide and
// Fullwidth characters occupy two cells, combining marks zero.
const WIDE_RANGES = [
    [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf],
    [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff],
    [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x1f300, 0x1f64f],
    [0x1f900, 0x1f9ff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];
function isWide(cp) {
    let lo = 0;
    let hi = WIDE_RANGES.length - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [a, b] = WIDE_RANGES[mid];
        if (cp < a)
            hi = mid - 1;
        else if (cp > b)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}
export function displayWidth(s) {
    let w = 0;
    for (const ch of s) {
        const cp = ch.codePointAt(0);
        if (cp >= 0x300 && cp <= 0x36f)
            continue;
        w += isWide(cp) ? 2 : 1;
    }
    return w;
}
