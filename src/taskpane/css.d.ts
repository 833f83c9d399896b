// Stylesheets are bundled as text and put into a <style> element by the page itself.
declare module '*.css' {
  const text: string;
  export default text;
}
