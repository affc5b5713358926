/** The mark: one track splitting into three, which is what the router does with a request. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" className="logo__tile" />
      <path
        d="M6 16h7c4 0 5-7 9-7h4M13 16h13M13 16c4 0 5 7 9 7h4"
        fill="none"
        className="logo__track"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="6.5" cy="16" r="2.4" className="logo__node" />
    </svg>
  );
}
