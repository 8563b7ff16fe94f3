export function App() {
  return (
    <main>
      <h1>HRIS reconciliation desk</h1>
    </main>
  )
}
