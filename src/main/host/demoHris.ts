/** A running embedded Kombo stand-in, as the hosts see it. */
export interface DemoHris {
  baseUrl: string
  apiKey: string
  close(): Promise<void>
}

/** Starts the demo HRIS on loopback with a generated company. */
export async function startDemoHris(): Promise<DemoHris> {
  throw new Error('the embedded demo HRIS is not available in this build')
}
