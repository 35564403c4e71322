/** The case-system stub in its own process, without request logging (the bench counts what it received). */
import { startCaseSystemStub } from '../libs/case-system-stub/src';

startCaseSystemStub({ port: Number(process.env.PORT ?? 0), logger: false })
  .then((stub) => {
    process.stdout.write(`STUB_URL ${stub.url}\n`);
    const stop = () => void stub.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  })
  .catch((error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
