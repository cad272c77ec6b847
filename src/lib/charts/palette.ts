/** Okabe–Ito colours: distinguishable by readers with colour-blindness. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#F0E442', '#000000'];
export const PROGRAM_COLOUR = '#0072B2';
export const COMPARISON_COLOUR = '#E69F00';
export const TARGET_COLOUR = '#009E73';
export const BASELINE_COLOUR = '#6b7780';
export const WARNING_COLOUR = '#D55E00';
export const INK = '#15202b';
export const GRID_LINE = '#dde3e1';
