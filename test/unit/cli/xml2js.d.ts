/** The one function of xml2js (installed with @vscode/vsce, untyped) the JUnit test parses with. */
declare module 'xml2js' {
  export function parseStringPromise(xml: string): Promise<unknown>;
}
