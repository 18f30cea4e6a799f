import { encode } from 'uqr';

/** The quiet zone around the code, in modules: four, as the QR code standard asks. */
const quietZoneModules = 4;

/** One SVG path of the dark modules, a rectangle per run of dark modules in a row. */
export function darkModulesPathOf(modules: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x += 1;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}

/**
 * A QR code of `text` as an SVG image, dark on white whatever the theme, named by `label`;
 * `tooLong` instead when the text does not fit in the largest QR code.
 */
export function QrCode({ text, label, tooLong }: { text: string; label: string; tooLong: string }) {
  let encoded: ReturnType<typeof encode>;
  try {
    encoded = encode(text, { ecc: 'M', border: quietZoneModules });
  } catch {
    return <p className="hint">{tooLong}</p>;
  }
  const { size, data } = encoded;
  return (
    <svg
      className="qr-code"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-modules={size - 2 * quietZoneModules}
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={darkModulesPathOf(data)} fill="#000000" />
    </svg>
  );
}
