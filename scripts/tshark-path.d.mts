export function findTshark(): string | null;
export const tsharkMissingMessage: string;
