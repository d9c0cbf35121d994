export const OWNER = {
  accountName: "Acme Wi-Fi",
  name: "Ada Owner",
  email: "ada@acme.example",
  password: "correct horse battery staple",
};
