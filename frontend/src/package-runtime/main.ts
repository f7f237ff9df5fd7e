/** Entry of dist/package-runtime/player.js, the script of the player page on the content origin. */
import { startPlayer } from './player';

void startPlayer(window);
