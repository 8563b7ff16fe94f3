// Starts the match store thread from the TypeScript sources (tests, development): a worker does not
// inherit its parent's module hooks, so tsx is registered here before the worker module loads.
import { register } from 'tsx/esm/api'

register()
await import('./matchStoreWorker.ts')
