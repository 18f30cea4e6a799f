import { Link } from 'react-router-dom';
import { Screen } from '../components/screen';

export function NotFoundScreen() {
  return (
    <Screen title="Page not found">
      <p>There is no page at this address.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </Screen>
  );
}
