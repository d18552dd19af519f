import { Link } from "@/app/_components/link";

// What Exchange refused, where the page's content would be.
export function ExchangeProblem({ message }: { message: string }) {
  return <p role="alert" className="mt-4 rounded border border-red-200 bg-red-50 p-3 text-red-800">{message}</p>;
}

export function PageError({ title, message }: { title: string; message: string }) {
  return (
    <section>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <ExchangeProblem message={message} />
      <Link href="/mailboxes" className="mt-4 inline-block text-blue-700 underline">Choose another mailbox</Link>
    </section>
  );
}
