import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/auth/roles";
import { getUser } from "@/lib/auth/session";

export default async function HomePage() {
  const user = await getUser();
  redirect(user ? homePathFor(user.roles) : "/signin");
}
