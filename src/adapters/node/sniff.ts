// Telling what a file really is before handing it to the .xlsx reader (shared with the page).
export { sniffFormat } from '../xlsx/package-read';
